#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=extract-features
#SBATCH --partition=small
#SBATCH --time=0-06:00:00
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=16
#SBATCH --mem-per-cpu=2G
#SBATCH --output=extract-features-%j.out

set -o errexit
set -o nounset

module --quiet reset
module load NRIS/CPU
module list

export PATH="/cluster/work/projects/nn5019k/envs/features/bin:${PATH}"

python scripts/extract_features.py \
    --input /cluster/work/projects/nn5019k/deepexperiments/data/raw \
    --output /cluster/work/projects/nn5019k/deepexperiments/data/features
