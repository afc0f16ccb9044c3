#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=habitat-mpi
#SBATCH --ntasks=16
#SBATCH --mem-per-cpu=4G
#SBATCH --time=0-00:10:00

set -o errexit
set -o nounset

module --quiet reset
module load OpenMPI/4.1.5-GCC-12.3.0
module list

cp inputfiles "$SCRATCH"
cd "$SCRATCH"

# Make sure output is copied back after the job finishes.
savefile outputfile1 outputfile2

time srun ./habitat_sim
exit 0
