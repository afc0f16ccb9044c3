#!/bin/bash
#SBATCH -A nn5019k
#SBATCH -J short-options
#SBATCH -t 1:00:00
#SBATCH -n 4
#SBATCH -c 2
#SBATCH -o short-%j.out
#SBATCH --mem-per-cpu=1G

set -o errexit
set -o nounset

module --quiet reset
module load Python/3.11.3-GCCcore-12.3.0

python scripts/train.py
