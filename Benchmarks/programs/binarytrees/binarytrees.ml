(* Binary trees (the Benchmarks Game), single-threaded; N from the command line (default 16). *)
type tree = Empty | Node of tree * tree

let rec make depth =
  if depth = 0 then Node (Empty, Empty) else Node (make (depth - 1), make (depth - 1))

let rec check = function Empty -> 0 | Node (l, r) -> 1 + check l + check r

let min_depth = 4

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 16 in
  let max_depth = max (min_depth + 2) n in
  let stretch_depth = max_depth + 1 in
  Printf.printf "stretch tree of depth %d\t check: %d\n" stretch_depth (check (make stretch_depth));
  let long_lived = make max_depth in
  let depth = ref min_depth in
  while !depth <= max_depth do
    let iterations = 1 lsl (max_depth - !depth + min_depth) in
    let sum = ref 0 in
    for _ = 1 to iterations do
      sum := !sum + check (make !depth)
    done;
    Printf.printf "%d\t trees of depth %d\t check: %d\n" iterations !depth !sum;
    depth := !depth + 2
  done;
  Printf.printf "long lived tree of depth %d\t check: %d\n" max_depth (check long_lived)
