#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --partition=accel
#SBATCH --gpus=1
#SBATCH --mem-per-gpu=64G
#SBATCH --time=0-01:00:00

set -o errexit
set -o nounset

module --quiet reset
module load NRIS/CPU

export APPTAINER_CACHEDIR=/cluster/work/projects/nn5019k/.apptainer
apptainer pull pytorch.sif docker://nvcr.io/nvidia/pytorch:25.09-py3
apptainer exec --nv pytorch.sif python scripts/train.py
