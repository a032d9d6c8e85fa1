(* Mandelbrot: count the points of an N x N grid over [-2, 0.5] x [-1.25, 1.25]
   that do not escape (|z|^2 > 4) within 50 iterations; N from the command
   line (default 1200). *)
let max_iterations = 50

let escapes cr ci =
  let rec loop zr zi i =
    if i = max_iterations then false
    else
      let nr = (zr *. zr) -. (zi *. zi) +. cr in
      let ni = (2.0 *. zr *. zi) +. ci in
      if (nr *. nr) +. (ni *. ni) > 4.0 then true else loop nr ni (i + 1)
  in
  loop 0.0 0.0 0

let () =
  let n = if Array.length Sys.argv > 1 then int_of_string Sys.argv.(1) else 1200 in
  let fn = float_of_int n in
  let count = ref 0 in
  for y = 0 to n - 1 do
    let ci = -1.25 +. (2.5 *. float_of_int y /. fn) in
    for x = 0 to n - 1 do
      let cr = -2.0 +. (2.5 *. float_of_int x /. fn) in
      if not (escapes cr ci) then incr count
    done
  done;
  Printf.printf "%d\n" !count
