//! `adhesion`: the command line over the pipeline (`adhesion-core`) and the portal
//! (`adhesion-portal`). Everything is in [`cli`]; `main` only maps its result to an exit status.

mod cli;

// mimalloc: faster than glibc's allocator on a batch and without its heap fragmentation; built
// without transparent huge pages, which grew resident memory by 2 MiB pages
// (`docs/performance.md`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
