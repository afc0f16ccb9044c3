#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --time=0-01:00:00
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=128

set -o errexit
set -o nounset

module --quiet reset
module load OpenMPI/4.1.4-GCC-12.2.0

srun ./model --workdir "$LOCALSCRATCH"
