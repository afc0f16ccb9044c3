#!/bin/bash
#SBATCH --account=project_465001234
#SBATCH --job-name=train-ddp
#SBATCH --partition=standard-g
#SBATCH --nodes=2
#SBATCH --gpus-per-node=8
#SBATCH --ntasks-per-node=8
#SBATCH --time=1-00:00:00

set -o errexit
set -o nounset

module --quiet reset
module use /appl/local/csc/modulefiles
module load pytorch/2.5

srun singularity exec --rocm /project/project_465001234/containers/pytorch-rocm.sif python scripts/train_ddp.py
