#!/bin/bash
#SBATCH --account=project_465001234
#SBATCH --job-name=preprocess-audio
#SBATCH --partition=small
#SBATCH --time=0-04:00:00
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=16
#SBATCH --mem-per-cpu=2G
#SBATCH --output=preprocess-audio-%j.out

set -o errexit
set -o nounset

module --quiet reset
module load cray-python/3.11.7
module list

source /project/project_465001234/venvs/deepexperiments/bin/activate

python scripts/preprocess.py \
    --input /scratch/project_465001234/deepexperiments/data/raw \
    --output /scratch/project_465001234/deepexperiments/data/spectrograms
