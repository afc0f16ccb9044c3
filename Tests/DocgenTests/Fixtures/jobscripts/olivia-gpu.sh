#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=train-gh200
#SBATCH --partition=accel
#SBATCH --gpus=1
#SBATCH --cpus-per-task=32
#SBATCH --mem-per-cpu=4G
#SBATCH --time=0-12:00:00
#SBATCH --output=train-gh200-%j.out

set -o errexit
set -o nounset

module --quiet reset
module load NRIS/GPU
module list

CONTAINER=/cluster/work/projects/nn5019k/containers/pytorch_25.09-py3_arm64.sif

apptainer exec --nv "${CONTAINER}" \
    python scripts/train.py \
    --data /cluster/work/projects/nn5019k/deepexperiments/data/features \
    --output "/cluster/work/projects/nn5019k/deepexperiments/runs/${SLURM_JOB_ID}"
