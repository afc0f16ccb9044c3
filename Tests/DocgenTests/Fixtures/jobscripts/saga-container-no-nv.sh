#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=test
#SBATCH --time=0-01:00:00
#SBATCH --ntasks=1
#SBATCH --mem-per-cpu=2G
#SBATCH --partition=accel
#SBATCH --gres=gpu:1

set -o errexit
set -o nounset

module --quiet reset

singularity exec --bind /cluster/projects/nn5019k pytorch.sif python scripts/train.py
