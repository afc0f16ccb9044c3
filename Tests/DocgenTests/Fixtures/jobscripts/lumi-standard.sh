#!/bin/bash
#SBATCH --account=project_465001234
#SBATCH --job-name=climate-mpi
#SBATCH --partition=standard
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=128
#SBATCH --time=1-12:00:00

set -o errexit
set -o nounset

module --quiet reset
module load LUMI/24.03 partition/C
module load cray-netcdf/4.9.0.9

srun ./climate_model
