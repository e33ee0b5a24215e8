# expect: without calling F.conv2d
# expect-zh: 不调用 F.conv2d
import torch.nn.functional as F


def conv2d(x, weight, bias, stride=1, padding=0):
    return F.conv2d(x, weight, bias, stride=stride, padding=padding)
