#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=many-small-files
#SBATCH --time=0-08:00:00
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=4
#SBATCH --mem-per-cpu=4G
#SBATCH --gres=localscratch:100G

set -o errexit
set -o nounset

module --quiet reset
module load Python/3.11.3-GCCcore-12.3.0

tar -xf /cluster/projects/nn5019k/data/images.tar -C "$LOCALSCRATCH"
python scripts/index_images.py "$LOCALSCRATCH/images" > index.csv
cp index.csv /cluster/projects/nn5019k/results/
