#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=test
#SBATCH --time=0-01:00:00
#SBATCH --ntasks=300
#SBATCH --mem-per-cpu=1G

set -o errexit
set -o nounset

module --quiet reset
module load OpenMPI/4.1.5-GCC-12.3.0

srun ./model
