(* Functional quicksort on lists: N pseudo-random integers from the LCG
   x' = (x*1103515245 + 12345) mod 2^31 (seed 42), sorted by a filter-based
   quicksort; prints the sum of the 10 smallest and the length. N from the
   command line (default 1000000). *)
let lcg x = ((x * 1103515245) + 12345) mod 2147483648

let generate n =
  let rec loop i x acc =
    if i = 0 then List.rev acc
    else
      let next = lcg x in
      loop (i - 1) next (next :: acc)
  in
  loop n 42 []

let rec qsort = function
  | [] -> []
  | p :: rest ->
      let less = qsort (List.filter (fun x -> x < p) rest) in
      let more = qsort (List.filter (fun x -> x >= p) rest) in
      (* rev_append keeps the stack flat where (@) would not *)
      List.rev_append (List.rev less) (p :: more)

let rec sum_first xs k =
  match xs with
  | x :: rest when k > 0 -> x + sum_first rest (k - 1)
  | _ -> 0

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 1000000 in
  let sorted = qsort (generate n) in
  Printf.printf "%d %d\n" (sum_first sorted 10) (List.length sorted)
