#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=convert-netcdf
#SBATCH --qos=preproc
#SBATCH --time=0-06:00:00
#SBATCH --ntasks=1
#SBATCH --mem-per-cpu=4G

set -o errexit
set -o nounset

module --quiet reset
module load CDO/2.2.2-gompi-2023a

cdo -f nc4 copy input.grb output.nc
