#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --time=0-01:00:00
#SBATCH --ntasks=1
#SBATCH --mem-per-cpu=2G

set -o errexit
set -o nounset

module --quiet reset
module load NRIS/CPU

python scripts/analyse.py --data /nird/datapeak/NS5019K/raw > summary.txt
cp summary.txt /nird/datapeak/NS5019K/results/
