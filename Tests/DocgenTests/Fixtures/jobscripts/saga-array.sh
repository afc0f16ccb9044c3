#!/bin/bash
#SBATCH --account=nn5019k
#SBATCH --job-name=lr-sweep
#SBATCH --array=1-12%4
#SBATCH --partition=accel
#SBATCH --gpus=1
#SBATCH --cpus-per-task=6
#SBATCH --mem-per-cpu=8G
#SBATCH --time=0-06:00:00
#SBATCH --output=lr-sweep-%A_%a.out

set -o errexit
set -o nounset

module --quiet reset
module load TensorFlow/2.11.0-foss-2022a-CUDA-11.7.0
module list

PARAMS=$(sed -n "${SLURM_ARRAY_TASK_ID}p" jobs/lr-sweep-params.txt)
echo "Task ${SLURM_ARRAY_TASK_ID} uses: ${PARAMS}"

python scripts/train.py ${PARAMS} \
    --output "/cluster/projects/nn5019k/deepexperiments/runs/lr-sweep/task-${SLURM_ARRAY_TASK_ID}"
