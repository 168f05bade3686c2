# Writes the simulated and derived CSVs of the GLMM reference cases (run from reference/glmm-extra/).
suppressMessages(library(lme4))
set.seed(20261126)
# Bernoulli response with a correlated random intercept and slope: 30 groups x 16 rows.
g <- rep(sprintf("g%02d", 1:30), each = 16)
x <- round(rnorm(length(g)), 3)
L <- matrix(c(1, 0, 0.3 * 0.6, 0.6 * sqrt(1 - 0.3^2)), 2)   # SDs 1 and 0.6, corr 0.3
b <- matrix(rnorm(60), 30) %*% t(L)
gi <- as.integer(factor(g))
eta <- -0.4 + 0.9 * x + b[gi, 1] + b[gi, 2] * x
y <- rbinom(length(g), 1, plogis(eta))
write.csv(data.frame(g, x, y), "data/bernoulli_slope.csv", row.names = FALSE)
# Poisson counts with crossed subject and item intercepts, an exposure offset.
subj <- rep(sprintf("s%02d", 1:24), each = 12)
item <- rep(sprintf("i%02d", 1:12), times = 24)
x <- round(runif(length(subj), -1, 1), 3)
expo <- round(runif(length(subj), 0.5, 2), 2)
us <- rnorm(24, sd = 0.5)[as.integer(factor(subj))]
ui <- rnorm(12, sd = 0.3)[as.integer(factor(item))]
count <- rpois(length(subj), expo * exp(0.4 + 0.5 * x + us + ui))
write.csv(data.frame(subj, item, x, expo, count), "data/poisson_crossed.csv", row.names = FALSE)
# Poisson with small clusters (3 rows each), where AGQ differs from Laplace.
cl <- rep(sprintf("c%02d", 1:40), each = 3)
z <- round(rnorm(length(cl)), 3)
uc <- rnorm(40, sd = 0.8)[as.integer(factor(cl))]
k <- rpois(length(cl), exp(-0.3 + 0.4 * z + uc))
write.csv(data.frame(cl, z, k), "data/poisson_small.csv", row.names = FALSE)
# grouseticks with HEIGHT centred (lme4 data set; the uncentred fit raises convergence warnings).
data(grouseticks)
gt <- grouseticks
gt$cHEIGHT <- gt$HEIGHT - mean(gt$HEIGHT)
write.csv(gt[, c("INDEX", "TICKS", "BROOD", "HEIGHT", "YEAR", "LOCATION", "cHEIGHT")], "data/grouseticks.csv", row.names = FALSE)
# Poisson counts with no group-level variation at all: a singular fit (θ = 0).
set.seed(7)
grp <- rep(sprintf("h%02d", 1:10), each = 8)
w <- round(rnorm(length(grp)), 3)
cnt <- rpois(length(grp), exp(0.5 + 0.3 * w))
write.csv(data.frame(grp, w, cnt), "data/poisson_singular.csv", row.names = FALSE)
