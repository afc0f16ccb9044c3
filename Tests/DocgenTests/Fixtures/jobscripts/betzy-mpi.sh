#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=habitat-simulation
#SBATCH --time=0-12:00:00
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=128
#SBATCH --output=habitat-simulation-%j.out

set -o errexit
set -o nounset

module --quiet reset
module load OpenMPI/4.1.4-GCC-12.2.0
module list

srun ./habitat_sim --config config/scenario-2050.yaml \
    --output "/cluster/projects/nn5019k/habitat-sim/runs/${SLURM_JOB_ID}"
