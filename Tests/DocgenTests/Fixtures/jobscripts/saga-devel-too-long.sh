#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=test
#SBATCH --ntasks=1
#SBATCH --mem-per-cpu=2G
#SBATCH --qos=devel
#SBATCH --time=04:00:00

set -o errexit
set -o nounset

module --quiet reset
module load Python/3.11.3-GCCcore-12.3.0

python scripts/train.py
