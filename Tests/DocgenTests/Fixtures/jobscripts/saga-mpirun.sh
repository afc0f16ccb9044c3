#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=test
#SBATCH --time=0-01:00:00
#SBATCH --mem-per-cpu=2G
#SBATCH --ntasks=32

set -o errexit
set -o nounset

module --quiet reset
module load OpenMPI/4.1.5-GCC-12.3.0

mpirun ./model
