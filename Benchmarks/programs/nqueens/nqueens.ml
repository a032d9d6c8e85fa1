(* N-queens: count the solutions for an N x N board (default 12).
   The queens placed so far are an immutable list of rows, nearest column first. *)
let rec safe row dist = function
  | [] -> true
  | q :: rest ->
      q <> row && q <> row + dist && q <> row - dist && safe row (dist + 1) rest

(* k queens are still to be placed. *)
let rec queens n k placed =
  if k = 0 then 1
  else
    let rec loop row acc =
      if row = n then acc
      else
        loop (row + 1)
          (if safe row 1 placed then acc + queens n (k - 1) (row :: placed) else acc)
    in
    loop 0 0

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 12 in
  Printf.printf "%d\n" (queens n n [])
