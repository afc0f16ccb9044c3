#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --partition=small
#SBATCH --nodes=2
#SBATCH --ntasks-per-node=64
#SBATCH --mem-per-cpu=1G
#SBATCH --time=0-01:00:00

set -o errexit
set -o nounset

module --quiet reset
module load NRIS/CPU
module load OpenMPI/5.0.3-GCC-13.3.0

srun ./model
