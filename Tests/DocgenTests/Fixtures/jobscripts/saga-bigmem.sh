#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=assemble-genome
#SBATCH --partition=bigmem
#SBATCH --time=2-00:00:00
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=16
#SBATCH --mem-per-cpu=20G

set -o errexit
set -o nounset

module --quiet reset
module load SPAdes/3.15.5-GCC-12.3.0
module list

spades.py -t "${SLURM_CPUS_PER_TASK}" -m 320 -1 reads_1.fq -2 reads_2.fq -o /cluster/work/users/$USER/assembly
