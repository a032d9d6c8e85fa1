(* Strings: the decimal numbers 1..N joined by "," into one string (a Buffer);
   prints its length. N from the command line (default 2000000). *)
let join n =
  let b = Buffer.create 16 in
  for i = 1 to n do
    if i > 1 then Buffer.add_char b ',';
    Buffer.add_string b (string_of_int i)
  done;
  Buffer.contents b

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 2000000 in
  Printf.printf "%d\n" (String.length (join n))
