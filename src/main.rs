fn main() {
    std::process::exit(rotaplan::cli::main());
}
