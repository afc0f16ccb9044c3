#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=long-sim
#SBATCH --qos=optimist
#SBATCH --time=2-00:00:00
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=4
#SBATCH --mem-per-cpu=2G
#SBATCH --requeue

set -o errexit
set -o nounset

module --quiet reset
module load Python/3.11.3-GCCcore-12.3.0

trap 'touch stop-requested' TERM
python scripts/simulate.py --resume-from latest.ckpt
