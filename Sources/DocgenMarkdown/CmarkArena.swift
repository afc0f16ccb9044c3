internal import CCmarkGFM
#if canImport(Glibc)
import Glibc
#endif

/// The memory cmark-gfm parses into: each thread has its own, handed out from large blocks and given
/// back all at once when the page's tree has been copied into Swift values.
///
/// cmark-gfm allocates every node, buffer and string of a parse on its own (about 600 `calloc`s
/// for an average page of the benchmark corpus, 140 more while the tree is read) and frees them
/// one by one. Here an allocation moves a pointer along a block, freeing does nothing, and `reset`
/// makes the blocks ready for the thread's next page. cmark-gfm's allocator callbacks take no
/// context, so they find the arena of the thread they run on through a thread-specific key; every
/// allocation of a parse and of reading its tree happens on the thread that parses.
enum CmarkArena {
    /// Pages up to this size parse into the arena. cmark-gfm frees its temporary buffers as it goes,
    /// and the arena keeps them to the end: a 5.5 MB page's build peaked at 547 MiB with it against
    /// 422 MiB without, so bigger pages use cmark-gfm's own allocator. Real pages are far smaller.
    static let largestPage = 1024 * 1024

    /// The allocator to give `cmark_parser_new_with_mem`. Written once, then only read (by cmark-gfm).
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let allocator = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        allocator.initialize(to: cmark_mem(
            calloc: { count, size in
                let (total, overflow) = count.multipliedReportingOverflow(by: size)
                return overflow ? nil : CmarkArena.current?.pointee.allocate(total, zeroed: true)
            },
            realloc: { pointer, size in CmarkArena.current?.pointee.reallocate(pointer, to: size) },
            free: { _ in }))
        return allocator
    }()

    /// The calling thread's arena, made on its first parse; nil only when memory ran out.
    @inline(__always)
    static var current: UnsafeMutablePointer<Blocks>? {
        // `key` rather than `threadKey`: this runs for every allocation cmark-gfm makes, and reading a
        // lazily made static checks that it was made each time (`swift_once`, 0.3% of a build).
        if let known = pthread_getspecific(key) { return known.assumingMemoryBound(to: Blocks.self) }
        guard let made = Blocks.make() else { return nil }
        // Unregistered, the arena would be made again on every call: without one, the parse uses
        // cmark-gfm's own allocator.
        guard pthread_setspecific(key, made) == 0 else {
            Blocks.destroy(made)
            return nil
        }
        return made
    }

    /// `threadKey`, copied where reading it needs no check: a global with a constant initial value
    /// is plain static data. Written once, by `threadKey`'s initialiser; a thread reads it only after
    /// `prepare()`, which every parse calls before it allocates and which orders that write before.
    nonisolated(unsafe) private static var key: pthread_key_t = 0

    /// Makes the key the arenas are found by (once); then `key` may be read on this thread.
    static func prepare() {
        _ = threadKey
    }

    /// Frees a thread's arena when the thread ends.
    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            if let raw { Blocks.destroy(raw.assumingMemoryBound(to: Blocks.self)) }
        }
        CmarkArena.key = key
        return key
    }()

    /// One thread's blocks and where the next allocation goes. Plain memory behind a pointer rather
    /// than a class: the callbacks run for every allocation, and a class's stored properties are
    /// checked for exclusive access on each use.
    struct Blocks {
        /// Size of an ordinary block; an average page's parse fits in one.
        static let blockSize = 256 * 1024
        /// Allocations above this get a block of their own (a large page's buffers as they grow).
        static let largeSize = 32 * 1024
        /// Ordinary blocks kept between pages; more are freed by `reset`.
        static let keptBlocks = 4
        /// Room before each allocation for its size (for `reallocate`), keeping payloads 16-byte aligned.
        static let headerSize = 16

        /// The first ordinary block; each block starts with the address of the next one.
        private var first: UnsafeMutableRawPointer
        /// The block allocations come from now.
        private var block: UnsafeMutableRawPointer
        /// Where the next allocation starts in `block`.
        private var offset: Int
        /// The last allocation, which `reallocate` can grow in place.
        private var last: UnsafeMutableRawPointer?
        /// Allocations with a block of their own, linked through their first word.
        private var large: UnsafeMutableRawPointer?
        /// Whether a parse is using the arena; a parse started meanwhile on the same thread (none
        /// does today) must not reset it under the first.
        var isInUse = false

        /// A new arena with one block, or nil when memory ran out.
        static func make() -> UnsafeMutablePointer<Blocks>? {
            guard let block = newBlock(blockSize) else { return nil }
            let blocks = UnsafeMutablePointer<Blocks>.allocate(capacity: 1)
            blocks.initialize(to: Blocks(first: block, block: block, offset: headerSize, last: nil, large: nil))
            return blocks
        }

        /// Frees every block of `blocks` and `blocks` itself, made by `make`.
        static func destroy(_ blocks: UnsafeMutablePointer<Blocks>) {
            blocks.pointee.release()
            blocks.deinitialize(count: 1).deallocate()
        }

        /// A block of `size` bytes whose first word (the link to the next block) is nil.
        private static func newBlock(_ size: Int) -> UnsafeMutableRawPointer? {
            guard let block = malloc(size) else { return nil }
            block.storeBytes(of: nil, as: UnsafeMutableRawPointer?.self)
            return block
        }

        private static func rounded(_ size: Int) -> Int {
            (size + 15) & ~15
        }

        /// `size` bytes, zeroed when `zeroed` (as `calloc` gives them).
        @inline(__always)
        mutating func allocate(_ size: Int, zeroed: Bool) -> UnsafeMutableRawPointer? {
            guard size <= Int.max / 2 else { return nil }
            let needed = Self.headerSize + Self.rounded(size)
            let start: UnsafeMutableRawPointer
            if size > Self.largeSize {
                guard let own = malloc(Self.headerSize + needed) else { return nil }
                own.storeBytes(of: large, as: UnsafeMutableRawPointer?.self)
                large = own
                start = own + Self.headerSize
            } else {
                if offset + needed > Self.blockSize {
                    // The next block kept from an earlier page, or a new one.
                    if let next = block.load(as: UnsafeMutableRawPointer?.self) {
                        block = next
                    } else {
                        guard let made = Self.newBlock(Self.blockSize) else { return nil }
                        block.storeBytes(of: made, as: UnsafeMutableRawPointer?.self)
                        block = made
                    }
                    offset = Self.headerSize
                }
                start = block + offset
                offset += needed
            }
            start.storeBytes(of: size, as: Int.self)
            let payload = start + Self.headerSize
            // Blocks are reused from page to page, so nothing in them is zero unless made so.
            if zeroed { memset(payload, 0, size) }
            last = size > Self.largeSize ? nil : payload
            return payload
        }

        /// `pointer`'s contents in `size` bytes: in place when it is the last allocation and its
        /// block has room, else copied to a new allocation (the old one is given back with the rest).
        mutating func reallocate(_ pointer: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer? {
            guard let pointer else { return allocate(size, zeroed: false) }
            let header = pointer - Self.headerSize
            let oldSize = header.load(as: Int.self)
            if size <= oldSize { return pointer }
            // A large page's buffer grows by doubling: the newest large allocation is grown by the
            // system, so the old sizes are not all held until the reset.
            if oldSize > Self.largeSize, let own = large, own + Self.headerSize == header {
                guard let grown = realloc(own, 2 * Self.headerSize + Self.rounded(size)) else { return nil }
                large = grown
                (grown + Self.headerSize).storeBytes(of: size, as: Int.self)
                return grown + 2 * Self.headerSize
            }
            if pointer == last, size <= Self.largeSize {
                let grownEnd = (pointer - block) + Self.rounded(size)
                if grownEnd <= Self.blockSize {
                    offset = grownEnd
                    header.storeBytes(of: size, as: Int.self)
                    return pointer
                }
            }
            guard let moved = allocate(size, zeroed: false) else { return nil }
            memcpy(moved, pointer, oldSize)
            return moved
        }

        /// Gives back everything allocated since the last reset: large allocations to the system,
        /// ordinary blocks beyond the first `keptBlocks` too; the others are reused.
        mutating func reset() {
            while let own = large {
                large = own.load(as: UnsafeMutableRawPointer?.self)
                free(own)
            }
            var kept = first
            for _ in 1..<Self.keptBlocks {
                guard let next = kept.load(as: UnsafeMutableRawPointer?.self) else { break }
                kept = next
            }
            var surplus = kept.load(as: UnsafeMutableRawPointer?.self)
            kept.storeBytes(of: nil, as: UnsafeMutableRawPointer?.self)
            while let extra = surplus {
                surplus = extra.load(as: UnsafeMutableRawPointer?.self)
                free(extra)
            }
            block = first
            offset = Self.headerSize
            last = nil
        }

        /// Frees every block (`destroy` also frees the arena itself).
        private mutating func release() {
            reset()
            var next: UnsafeMutableRawPointer? = first
            while let block = next {
                next = block.load(as: UnsafeMutableRawPointer?.self)
                free(block)
            }
        }
    }
}
