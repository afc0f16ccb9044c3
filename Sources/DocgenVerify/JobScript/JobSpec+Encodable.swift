extension JobSpec: Encodable {
    /// The spec's keys, as in the YAML form.
    private enum Key: String, CodingKey {
        case cluster, partition, qos, account, name, time, nodes, ntasks, mem, gpus, array, output, error, modules, container
        case scratch, mpi, command, image, runtime, inputs, results
        case jobName = "job_name", ntasksPerNode = "ntasks_per_node", cpusPerTask = "cpus_per_task"
        case memPerCPU = "mem_per_cpu", memPerGPU = "mem_per_gpu", gpusPerNode = "gpus_per_node"
    }

    /// Writes the spec with the same keys and value forms as the YAML that `JobSpecParser` reads (times, memory
    /// sizes and arrays as Slurm strings, GPUs as a number or `type:count`), so JSON from it parses back as a spec.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(cluster, forKey: .cluster)
        try container.encodeIfPresent(partition, forKey: .partition)
        try container.encodeIfPresent(qos, forKey: .qos)
        try container.encode(account, forKey: .account)
        try container.encodeIfPresent(jobName, forKey: .jobName)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encode(time.formatted, forKey: .time)
        try container.encodeIfPresent(nodes, forKey: .nodes)
        try container.encodeIfPresent(ntasks, forKey: .ntasks)
        try container.encodeIfPresent(ntasksPerNode, forKey: .ntasksPerNode)
        try container.encodeIfPresent(cpusPerTask, forKey: .cpusPerTask)
        if let memory {
            let key: Key = switch memory {
            case .perCPU: .memPerCPU
            case .perGPU: .memPerGPU
            case .perNode: .mem
            }
            try container.encode(memory.size.description, forKey: key)
        }
        if let gpus {
            let key: Key = gpus.perNode ? .gpusPerNode : .gpus
            if gpus.type == nil {
                try container.encode(gpus.count, forKey: key)
            } else {
                try container.encode(gpus.value, forKey: key)
            }
        }
        try container.encodeIfPresent(array?.description, forKey: .array)
        try container.encodeIfPresent(output, forKey: .output)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encode(modules, forKey: .modules)
        if let image = self.container {
            var nested = container.nestedContainer(keyedBy: Key.self, forKey: .container)
            try nested.encode(image.image, forKey: .image)
            try nested.encode(image.runtime.rawValue, forKey: .runtime)
        }
        if let scratch {
            var nested = container.nestedContainer(keyedBy: Key.self, forKey: .scratch)
            try nested.encode(scratch.inputs, forKey: .inputs)
            try nested.encode(scratch.results, forKey: .results)
        }
        try container.encode(mpi, forKey: .mpi)
        try container.encode(command, forKey: .command)
    }
}
