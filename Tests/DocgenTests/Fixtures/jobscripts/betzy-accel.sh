#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=train-a100
#SBATCH --partition=accel
#SBATCH --gpus-per-node=2
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=16
#SBATCH --mem-per-gpu=64G
#SBATCH --time=1-00:00:00

set -o errexit
set -o nounset

module --quiet reset
module load PyTorch/2.1.2-foss-2023a-CUDA-12.1.1
module list

torchrun --nproc_per_node=2 scripts/train.py
