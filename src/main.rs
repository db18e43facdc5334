// mimalloc: faster than glibc's allocator on a batch and without its heap fragmentation; built
// without transparent huge pages, which grew resident memory by 2 MiB pages
// (`docs/performance.md`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(adhesion::cli::main());
}
