#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=train-classifier
#SBATCH --partition=accel
#SBATCH --gpus=1
#SBATCH --cpus-per-task=6
#SBATCH --mem-per-cpu=8G
#SBATCH --time=0-12:00:00
#SBATCH --output=train-classifier-%j.out

set -o errexit
set -o nounset

module --quiet reset
module load TensorFlow/2.11.0-foss-2022a-CUDA-11.7.0
module list

nvidia-smi

python scripts/train.py \
    --data /cluster/projects/nn5019k/deepexperiments/data/spectrograms \
    --output "/cluster/projects/nn5019k/deepexperiments/runs/${SLURM_JOB_ID}" \
    --num-workers "${SLURM_CPUS_PER_TASK}"
