#!/bin/bash
#SBATCH --account=project_465001234
#SBATCH --job-name=train-mi250x
#SBATCH --partition=small-g
#SBATCH --nodes=1
#SBATCH --ntasks=1
#SBATCH --gpus-per-node=1
#SBATCH --cpus-per-task=7
#SBATCH --mem=48G
#SBATCH --time=0-12:00:00
#SBATCH --output=train-mi250x-%j.out

set -o errexit
set -o nounset

module --quiet reset
module use /appl/local/csc/modulefiles
module load pytorch/2.5
module list

srun python scripts/train.py \
    --data /scratch/project_465001234/deepexperiments/data/spectrograms \
    --output "/scratch/project_465001234/deepexperiments/runs/${SLURM_JOB_ID}"
