#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=test
#SBATCH --time=0-01:00:00
#SBATCH --ntasks=1
#SBATCH --mem-per-cpu=2G
#SBATCH --cpus-per-task=4

set -o errexit
set -o nounset

module --quiet reset
module load FFTW/3.3.10-GCC-12.3.0

export OMP_NUM_THREADS=8
./openmp_model
