#!/bin/bash
#SBATCH --account=project_465001234
#SBATCH --partition=small-g
#SBATCH --gpus-per-node=1
#SBATCH --time=0-01:00:00

set -o errexit
set -o nounset

singularity exec --nv pytorch.sif python scripts/train.py
