#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=intel-mpi
#SBATCH --nodes=2
#SBATCH --ntasks-per-node=40
#SBATCH --mem-per-cpu=2G
#SBATCH --time=1-00:00:00

set -o errexit
set -o nounset

module --quiet reset
module load intel/2022a
module list

mpirun ./model.x
