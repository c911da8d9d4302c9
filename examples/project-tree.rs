//! Prints the workbook's project tree, the guide's "project structure" (`just outputs` writes
//! it to lessons/03-model-in-image/tree.txt, which the practice chapter shows).

fn main() {
    print!("{}", workbook_harness::tree::project_tree());
}
