#!/bin/bash
#SBATCH --account=project_465001234
#SBATCH --partition=small
#SBATCH --nodes=8
#SBATCH --ntasks-per-node=16
#SBATCH --time=0-01:00:00

set -o errexit
set -o nounset

srun ./model
