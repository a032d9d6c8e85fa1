(* Tail-recursive loop: acc' = (acc*31 + i) mod 1000000007 for i in [0, N); N from the command line (default 100000000). *)
let run n =
  let rec loop i acc =
    if i < n then loop (i + 1) ((acc * 31 + i) mod 1000000007) else acc
  in
  loop 0 0

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 100000000 in
  Printf.printf "%d\n" (run n)
