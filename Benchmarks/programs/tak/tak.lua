-- Naive Takeuchi function; X Y Z from the command line (default 32 16 8).
local function tak(x, y, z)
  if y < x then
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
  end
  return z
end

local x = tonumber(arg[1]) or 32
local y = tonumber(arg[2]) or 16
local z = tonumber(arg[3]) or 8
print(tak(x, y, z))
