(* Naive Takeuchi function; X Y Z from the command line (default 32 16 8). *)
let rec tak x y z =
  if y < x then tak (tak (x - 1) y z) (tak (y - 1) z x) (tak (z - 1) x y)
  else z

let arg i default =
  if Array.length Sys.argv > i then int_of_string Sys.argv.(i) else default

let () = Printf.printf "%d\n" (tak (arg 1 32) (arg 2 16) (arg 3 8))
