#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=ocean-model
#SBATCH --partition=large
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=256
#SBATCH --time=2-00:00:00

set -o errexit
set -o nounset

module --quiet reset
module load NRIS/CPU
module load OpenMPI/5.0.3-GCC-13.3.0

srun ./ocean_model namelist.nml
