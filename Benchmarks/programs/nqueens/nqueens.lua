-- N-queens: count the solutions for an N x N board (default 12).
-- The queens placed so far are an immutable linked list {row, rest}, nearest column first.
local function safe(row, placed)
  local dist = 1
  while placed do
    local q = placed[1]
    if q == row or q == row + dist or q == row - dist then return false end
    placed = placed[2]
    dist = dist + 1
  end
  return true
end

-- k queens are still to be placed.
local function queens(n, k, placed)
  if k == 0 then return 1 end
  local acc = 0
  for row = 0, n - 1 do
    if safe(row, placed) then
      acc = acc + queens(n, k - 1, {row, placed})
    end
  end
  return acc
end

local n = tonumber(arg[1]) or 12
print(queens(n, n, nil))
