#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=mpi-smoke-test
#SBATCH --qos=devel
#SBATCH --nodes=1
#SBATCH --ntasks-per-node=128
#SBATCH --time=00:15:00

set -o errexit
set -o nounset

module --quiet reset
module load OpenMPI/4.1.4-GCC-12.2.0

srun ./habitat_sim --steps 10
