#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=preprocess-audio
#SBATCH --time=0-04:00:00
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=8
#SBATCH --mem-per-cpu=3G
#SBATCH --output=preprocess-audio-%j.out

set -o errexit
set -o nounset

module --quiet reset
module load Python/3.11.3-GCCcore-12.3.0
module list

# Python packages live in a virtual environment in the project area, not in $HOME.
source /cluster/projects/nn5019k/venvs/deepexperiments/bin/activate

python scripts/preprocess.py \
    --input /cluster/projects/nn5019k/deepexperiments/data/raw \
    --output /cluster/projects/nn5019k/deepexperiments/data/spectrograms \
    --workers "${SLURM_CPUS_PER_TASK}"
