#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=huge-matrix
#SBATCH --partition=hugemem
#SBATCH --time=3-00:00:00
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=32
#SBATCH --mem-per-cpu=100G

set -o errexit
set -o nounset

module --quiet reset
module load EESSI/2023.06
module load R/4.3.2-gfbf-2023a
module list

Rscript analysis/big_matrix.R
