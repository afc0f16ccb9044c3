#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=test
#SBATCH --time=0-01:00:00
#SBATCH --ntasks=1
#SBATCH --mem-per-cpu=2G
#SBATCH --partition=accel

set -o errexit
set -o nounset

module --quiet reset
module load Python/3.11.3-GCCcore-12.3.0

python scripts/train.py
