#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=gpu-smoke-test
#SBATCH --partition=accel
#SBATCH --qos=devel
#SBATCH --gpus=1
#SBATCH --mem-per-gpu=64G
#SBATCH --time=00:30:00

set -o errexit
set -o nounset

module --quiet reset
module load NRIS/GPU

apptainer exec --nv pytorch_arm64.sif python -c 'import torch; print(torch.cuda.is_available())'
