#!/bin/bash
#SBATCH --account=project_465001234
#SBATCH --partition=standard
#SBATCH --nodes=1
#SBATCH --ntasks-per-node=128
#SBATCH --mem=200G
#SBATCH --time=0-01:00:00

set -o errexit
set -o nounset

srun ./model
