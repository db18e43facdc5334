fn main() {
    std::process::exit(adhesion::cli::main());
}
