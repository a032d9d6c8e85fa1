-- Binary trees (the Benchmarks Game); N from the command line (default 16).
-- A node is {left, right}; a leaf node is {}.
local function make(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return {make(depth), make(depth)}
end

local function check(tree)
  if tree[1] then
    return 1 + check(tree[1]) + check(tree[2])
  end
  return 1
end

local min_depth = 4
local n = tonumber(arg[1]) or 16
local max_depth = math.max(min_depth + 2, n)
local stretch_depth = max_depth + 1

io.write(string.format("stretch tree of depth %d\t check: %d\n", stretch_depth, check(make(stretch_depth))))
local long_lived = make(max_depth)
for depth = min_depth, max_depth, 2 do
  local iterations = 1 << (max_depth - depth + min_depth)
  local sum = 0
  for _ = 1, iterations do
    sum = sum + check(make(depth))
  end
  io.write(string.format("%d\t trees of depth %d\t check: %d\n", iterations, depth, sum))
end
io.write(string.format("long lived tree of depth %d\t check: %d\n", max_depth, check(long_lived)))
