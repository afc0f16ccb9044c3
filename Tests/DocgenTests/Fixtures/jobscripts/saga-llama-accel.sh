#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=test
#SBATCH --time=0-01:00:00
#SBATCH --ntasks=1
#SBATCH --mem-per-cpu=2G
#SBATCH --partition=accel
#SBATCH --gpus=1

set -o errexit
set -o nounset

module --quiet reset
module load PyTorch/2.1.2-foss-2023a-CUDA-12.1.1

python scripts/finetune_llama.py --model meta-llama/Llama-2-7b-hf
