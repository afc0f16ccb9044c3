#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=train-container
#SBATCH --partition=a100
#SBATCH --gpus=1
#SBATCH --cpus-per-task=8
#SBATCH --mem-per-cpu=8G
#SBATCH --time=0-12:00:00
#SBATCH --output=train-container-%j.out

set -o errexit
set -o nounset

module --quiet reset
module list

CONTAINER=/cluster/projects/nn5019k/containers/deepexperiments.sif
DATA=/cluster/projects/nn5019k/deepexperiments

# --nv makes the NVIDIA GPU and driver visible inside the container.
apptainer exec --nv --bind "${DATA}" "${CONTAINER}" \
    python scripts/train.py \
    --data "${DATA}/data/spectrograms" \
    --output "${DATA}/runs/${SLURM_JOB_ID}" \
    --num-workers "${SLURM_CPUS_PER_TASK}"
